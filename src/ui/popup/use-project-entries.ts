/** The entries of one project, when the Projects tab has one selected. */
import { useEffect, useState } from 'preact/hooks';
import type { EntrySummary, ProjectNode } from '../../messages';
import { send } from '../client';

export function useProjectEntries(project: ProjectNode | undefined, refreshKey: unknown): { entries?: EntrySummary[]; error?: unknown } {
  const [state, setState] = useState<{ entries?: EntrySummary[]; error?: unknown }>({});
  useEffect(() => {
    setState({});
    if (!project) return;
    let current = true;
    send('listProjectEntries', { projectId: project.id, limit: 1000 }).then(
      (entries) => current && setState({ entries }),
      (error: unknown) => current && setState({ error }),
    );
    return () => void (current = false);
  }, [project, refreshKey]);
  return state;
}
