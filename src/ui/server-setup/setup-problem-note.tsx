/** A setup step's error: what happened and what to do, announced when it appears. */
import type { SetupProblem } from './setup-error';

export function SetupProblemNote(props: { problem: SetupProblem; id?: string }) {
  return (
    <div class="setup-problem" role="alert" id={props.id}>
      <p>{props.problem.text}</p>
      {props.problem.hint && <p class="hint">{props.problem.hint}</p>}
    </div>
  );
}
