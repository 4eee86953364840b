/** Which servers and projects the lists, search and autofill use; unchecking a project leaves out its subprojects too. */
import { useEffect, useState } from 'preact/hooks';
import type { ProjectNode, Settings, SourceStatus } from '../../messages';
import { send } from '../client';
import { t } from '../i18n';

type Exclusions = Pick<Settings, 'excludedSourceIds' | 'excludedProjectIds'>;

export function IncludeFields(props: { sources: SourceStatus[]; value: Exclusions; onChange: (patch: Exclusions) => void }) {
  const [projects, setProjects] = useState<ProjectNode[]>([]);
  useEffect(() => {
    // Projects appear once the vault is unlocked and synced; until then only servers can be chosen.
    send('listProjects', {}).then(setProjects, () => undefined);
  }, [props.sources.length]);
  const sources = new Set(props.value.excludedSourceIds ?? []);
  const excluded = new Set(props.value.excludedProjectIds ?? []);
  const toggle = (set: Set<string>, id: string, include: boolean) => [...set].filter((x) => x !== id).concat(include ? [] : [id]);
  const roots = projects.filter((p) => !p.parentId);
  if (props.sources.length === 0) return null;
  return (
    <fieldset>
      <legend>{t('includeHeading')}</legend>
      {props.sources.map((source) => (
        <div key={source.id}>
          <label class="check">
            <input
              type="checkbox"
              checked={!sources.has(source.id)}
              onChange={(e) => props.onChange({ ...props.value, excludedSourceIds: toggle(sources, source.id, e.currentTarget.checked) })}
            />{' '}
            {source.name}
          </label>
          <ul class="plain indent">
            {roots
              .filter((p) => p.sourceId === source.id)
              .map((p) => (
                <li key={p.id}>
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={!excluded.has(p.id)}
                      disabled={sources.has(source.id)}
                      onChange={(e) =>
                        props.onChange({ ...props.value, excludedProjectIds: toggle(excluded, p.id, e.currentTarget.checked) })
                      }
                    />{' '}
                    {p.name}
                  </label>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}
