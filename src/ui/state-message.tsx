/** A full-screen state (loading, empty, locked, error) with a title, an explanation and the next step. */
import type { ComponentChildren } from 'preact';

export function StateMessage(props: { title: string; text?: string; busy?: boolean; children?: ComponentChildren }) {
  return (
    <section class="state" role="status" aria-live="polite" aria-busy={props.busy ? 'true' : undefined}>
      <h1>{props.title}</h1>
      {props.text && <p>{props.text}</p>}
      {props.children}
    </section>
  );
}
