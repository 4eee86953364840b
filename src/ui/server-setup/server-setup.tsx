/** Adding a server: the address first (what answers there decides the rest), then that kind's sign-in. */
import { useState } from 'preact/hooks';
import type { DetectedServer } from '../../messages';
import type { ServerPreset } from '../../server-presets';
import { AddressStep } from './address-step';
import { emptyDraft, type ServerDraft } from './server-draft';
import { SignInStep, type SignInStepProps } from './sign-in-step';

export interface ServerSetupProps extends Pick<SignInStepProps, 'onSaved' | 'onCancel'> {
  presets: ServerPreset[];
  /** The address to start with (a suggested server). */
  address?: string;
}

/** A name to start with: the organisation's for this server, else its host. */
function draftFor(server: DetectedServer, preset?: ServerPreset): ServerDraft {
  return emptyDraft({ kind: server.kind, baseUrl: server.baseUrl, name: preset?.name ?? new URL(server.baseUrl).host });
}

export function ServerSetup(props: ServerSetupProps) {
  const [address, setAddress] = useState(props.address ?? props.presets[0]?.baseUrl ?? '');
  const [draft, setDraft] = useState<ServerDraft>();
  if (!draft) {
    return (
      <AddressStep
        initial={address}
        presets={props.presets}
        onCancel={props.onCancel}
        onDetected={(server, preset) => (setAddress(server.baseUrl), setDraft(draftFor(server, preset)))}
      />
    );
  }
  return (
    <SignInStep key={draft.baseUrl} initial={draft} onSaved={props.onSaved} onBack={() => setDraft(undefined)} onCancel={props.onCancel} />
  );
}
