/** Step 2: the company server; a server the organisation suggests is filled in already. */
import type { SourceStatus } from '../../messages';
import type { ServerPreset } from '../../server-presets';
import { sameServerAddress } from '../../server-address';
import { t } from '../i18n';
import { ServerSetup, type ServerSetupProps } from '../server-setup/server-setup';

export function ServerStep(
  props: Pick<ServerSetupProps, 'onSaved' | 'onCancel'> & { presets: ServerPreset[]; configured: SourceStatus[] },
) {
  const presets = props.presets.filter((preset) => !props.configured.some((source) => sameServerAddress(source.baseUrl, preset.baseUrl)));
  return (
    <section aria-labelledby="server-step-title">
      <h2 id="server-step-title">{t('welcomeServerTitle')}</h2>
      <p>{t('welcomeServerText')}</p>
      <ServerSetup presets={presets} onSaved={props.onSaved} onCancel={props.onCancel} />
    </section>
  );
}
