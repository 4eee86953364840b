/** The "Save" form's fields: server, place (My Passwords, a project, a client/category), name, username, URL. */
import type { SavePlace, SaveServerChoice } from '../../save-prompt-view';
import { t } from '../i18n';

export interface SaveDraft {
  sourceId: string;
  placeId: string;
  name: string;
  username: string;
  url: string;
}

const placeLabel = (p: SavePlace) => (p.kind === 'personal' ? t('savePlacePersonal') : p.path.join(' › '));

export function SaveFields(props: { servers: SaveServerChoice[]; draft: SaveDraft; onChange(draft: SaveDraft): void }) {
  const { draft, servers } = props;
  const server = servers.find((s) => s.id === draft.sourceId) ?? servers[0];
  const set = (patch: Partial<SaveDraft>) => props.onChange({ ...draft, ...patch });
  const text = (key: keyof SaveDraft, label: string) => (
    <label class="field">
      <span>{t(label)}</span>
      <input type="text" name={key} value={draft[key]} onInput={(e) => set({ [key]: e.currentTarget.value })} />
    </label>
  );
  return (
    <div>
      {servers.length > 1 && (
        <label class="field">
          <span>{t('saveTargetServer')}</span>
          <select
            name="server"
            value={server.id}
            onChange={(e) => {
              const next = servers.find((s) => s.id === e.currentTarget.value)!;
              set({ sourceId: next.id, placeId: next.places[0]?.id ?? '' });
            }}
          >
            {servers.map((s) => (
              <option value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        <span>{t(server.kind === 'syspass' ? 'saveCategory' : 'saveProject')}</span>
        <select name="place" value={draft.placeId} onChange={(e) => set({ placeId: e.currentTarget.value })}>
          {server.places.map((p) => (
            <option value={p.id}>{placeLabel(p)}</option>
          ))}
        </select>
      </label>
      {text('name', 'saveName')}
      {text('username', 'saveUsername')}
      {text('url', 'saveUrl')}
    </div>
  );
}
