import privacyMarkdown from '../../PRIVACY.md?raw';
import { privacyBlocks } from './privacy-text';

// The page's own words stay in PRIVACY.md; only the two labels around it live here.
const LABELS = {
  fr: { title: 'Confidentialité', open: 'Ce qu’Essor garde et ce qu’il envoie' },
  en: { title: 'Privacy', open: 'What Essor keeps and what it sends' },
};

/** The privacy page (PRIVACY.md, in the reader's language) as a disclosure of the options page. */
export function PrivacyNotice({ lang }: { lang: 'fr' | 'en' }) {
  const blocks = privacyBlocks(privacyMarkdown, lang);
  return (
    <section class="essor-privacy" aria-labelledby="essor-privacy-title">
      <h2 id="essor-privacy-title">{LABELS[lang].title}</h2>
      <details>
        <summary>{LABELS[lang].open}</summary>
        {blocks.map((b, i) =>
          b.kind === 'heading' ? (
            <h3 key={i}>{b.text}</h3>
          ) : b.kind === 'paragraph' ? (
            <p key={i}>{b.text}</p>
          ) : b.ordered ? (
            <ol key={i}>
              {b.items.map((t, j) => (
                <li key={j}>{t}</li>
              ))}
            </ol>
          ) : (
            <ul key={i}>
              {b.items.map((t, j) => (
                <li key={j}>{t}</li>
              ))}
            </ul>
          ),
        )}
      </details>
    </section>
  );
}
