/** What the user can do with an open entry: copy, fill, open in the server's web UI, (un)favorite. */
import type { EntryDetails, EntrySummary } from '../../messages';
import { send } from '../client';
import { copyText } from '../copy-text';
import { t } from '../i18n';
import { copyPassword, copyUsername, fillEntry } from './entry-actions';
import { copiedText } from './toast';

export interface DetailsActionsProps {
  entry: EntrySummary;
  details?: EntryDetails;
  canFill: boolean;
  blocked: boolean;
  tabId?: number;
  clearSeconds: number;
  act: (action: (reason?: string) => Promise<unknown>, done?: string, clearSeconds?: number) => Promise<void>;
  onEntry: (entry: EntrySummary) => void;
}

export function DetailsActions(props: DetailsActionsProps) {
  const { entry, act } = props;
  const favorite = () =>
    act(
      async () => {
        await send('setFavorite', { entryId: entry.id, favorite: !entry.favorite });
        props.onEntry({ ...entry, favorite: !entry.favorite });
      },
      entry.favorite ? t('unfavorited') : t('favorited'),
    );
  return (
    <div class="actions details-actions">
      {(entry.username || entry.email) && (
        <button type="button" class="secondary" onClick={() => act(() => copyUsername(entry), t('usernameCopied'))}>
          {t('copyUsername')}
        </button>
      )}
      <button
        type="button"
        onClick={() =>
          act((reason) => copyPassword(entry, props.clearSeconds, reason), copiedText('password', props.clearSeconds), props.clearSeconds)
        }
        disabled={props.blocked}
      >
        {t('copyPassword')}
      </button>
      {props.canFill && (
        <button
          type="button"
          class="secondary"
          onClick={() => act((reason) => fillEntry(entry, props.tabId, reason), t('filled'))}
          disabled={props.blocked}
        >
          {t('fill')}
        </button>
      )}
      {props.details?.webUrl && (
        <a
          class="button secondary"
          href={props.details.webUrl}
          target="_blank"
          rel="noopener noreferrer"
          title={props.details.webSearchText ? t('openWebUiSearch') : undefined}
          onClick={() => {
            // The link opens the server's start page: the name to search there goes to the clipboard.
            const search = props.details?.webSearchText;
            if (search) void act(() => copyText(search), t('webSearchCopied'));
          }}
        >
          {props.blocked ? t('requestAccess') : t('openWebUi')}
        </a>
      )}
      <button type="button" class="secondary" aria-pressed={entry.favorite ? 'true' : 'false'} onClick={favorite}>
        {entry.favorite ? t('unfavorite') : t('favoriteAction')}
      </button>
    </div>
  );
}
