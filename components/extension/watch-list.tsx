import type { Lang } from '../../core/lang';
import { formatDate, t } from '../i18n';
import type { WatchModel } from './watch-model';
import type { WatchState } from '../../core/watch/index';

/** The watch's last outcome, in words. */
export function watchStatusText(lang: Lang, s: WatchState): string {
  const when = (iso?: string) => (iso ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '');
  if (s.status === 'ok') return t(lang, 'watchStatusOk', { date: when(s.lastOk) });
  if (s.status === 'error') return t(lang, 'watchStatusError', { message: s.message ?? '', date: when(s.retryAt) });
  if (s.status === 'rate-limited') return t(lang, 'watchStatusRateLimited', { date: when(s.retryAt) });
  if (s.status === 'offline') return t(lang, 'watchStatusOffline', { date: when(s.retryAt) });
  if (s.status === 'no-profile') return t(lang, 'watchStatusNoProfile');
  return t(lang, 'watchStatusNever');
}

/** The watch's notices (popup tab "Veille"): why each fits, its deadline, and "seen" marks. */
export function WatchList({ model, lang, openOptions }: { model: WatchModel; lang: Lang; openOptions?: () => void }) {
  const config = model.config.value;
  const state = model.state.value;
  if (!config.on)
    return (
      <section class="essor-watch">
        <p>{t(lang, 'watchOff')}</p>
        {openOptions && (
          <p>
            <button type="button" onClick={openOptions}>
              {t(lang, 'options')}
            </button>
          </p>
        )}
      </section>
    );
  const unseen = model.unseen.value;
  return (
    <section class="essor-watch">
      <p class="essor-muted" role="status" aria-live="polite">
        {watchStatusText(lang, state)} {state.items.length ? t(lang, 'watchUnseen', { n: unseen }) : ''}
      </p>
      {state.items.length === 0 ? (
        <p>{t(lang, 'watchEmpty')}</p>
      ) : (
        <>
          {unseen > 0 && (
            <p>
              <button type="button" onClick={() => void model.seen()}>
                {t(lang, 'watchMarkAllSeen')}
              </button>
            </p>
          )}
          <ul class="essor-watch-list">
            {state.items.map((i) => (
              <li key={i.idweb} class={i.seen ? 'essor-watch-seen' : 'essor-watch-new'}>
                <p>
                  <strong>{i.headline}</strong> <span class="essor-muted">({t(lang, i.seen ? 'watchSeen' : 'watchNew')})</span>
                </p>
                <p>
                  <a href={i.url} target="_blank" rel="noopener noreferrer" onClick={() => void model.seen(i.idweb)}>
                    {i.title}
                  </a>
                </p>
                <p class="essor-muted">
                  {i.buyer ? `${i.buyer} · ` : ''}
                  {i.deadline ? t(lang, 'watchDeadline', { date: formatDate(lang, i.deadline) ?? i.deadline }) : ''}
                </p>
                <ul>
                  {i.reasons.slice(0, 3).map((r, k) => (
                    <li key={k}>{r}</li>
                  ))}
                </ul>
                {!i.seen && (
                  <button type="button" class="essor-link" aria-label={t(lang, 'watchMarkSeen', { title: i.title })} onClick={() => void model.seen(i.idweb)}>
                    {t(lang, 'watchSeen')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
