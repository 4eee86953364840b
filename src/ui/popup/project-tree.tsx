/** TPM projects with their subprojects (sysPass: clients and categories), as a tree of disclosure buttons. */
import { useEffect, useState } from 'preact/hooks';
import type { ProjectNode, SourceStatus } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { StateMessage } from '../state-message';

export function ProjectTree(props: { sources: SourceStatus[]; onSelect: (project: ProjectNode) => void }) {
  const [nodes, setNodes] = useState<ProjectNode[]>();
  const [error, setError] = useState<unknown>();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    send('listProjects', {}).then(setNodes, setError);
  }, []);
  if (error) return <StateMessage title={t('popupError')} text={errorText(error)} />;
  if (!nodes) return <StateMessage title={t('popupLoading')} busy />;
  if (nodes.length === 0) return <StateMessage title={t('noProjects')} />;

  const children = new Map<string | undefined, ProjectNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) {
    const parent = node.parentId && ids.has(node.parentId) ? node.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const names = new Map(props.sources.map((s) => [s.id, s.name]));
  const toggle = (id: string) => setOpen((old) => (old.has(id) ? new Set([...old].filter((x) => x !== id)) : new Set([...old, id])));

  const branch = (parent: string | undefined, depth: number) => (
    <ul class={depth === 0 ? 'tree' : 'subtree'}>
      {(children.get(parent) ?? []).map((node) => {
        const kids = children.has(node.id);
        return (
          <li key={node.id}>
            <div class="tree-row" style={{ paddingInlineStart: `${depth * 16}px` }}>
              {kids ? (
                <button
                  type="button"
                  class="icon secondary twisty"
                  aria-expanded={open.has(node.id) ? 'true' : 'false'}
                  aria-label={t('subprojectsOf', node.name)}
                  onClick={() => toggle(node.id)}
                >
                  <span aria-hidden="true">{open.has(node.id) ? '▾' : '▸'}</span>
                </button>
              ) : (
                <span class="twisty" />
              )}
              <button type="button" class="link" onClick={() => props.onSelect(node)}>
                {node.name} <span class="count">({node.entryCount})</span>
              </button>
              {props.sources.length > 1 && <span class="badge">{names.get(node.sourceId)}</span>}
            </div>
            {kids && open.has(node.id) && branch(node.id, depth + 1)}
          </li>
        );
      })}
    </ul>
  );
  return (
    <nav aria-label={t('tabProjects')} class="project-tree">
      {branch(undefined, 0)}
    </nav>
  );
}
