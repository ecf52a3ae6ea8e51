// The kinds of ESS structure as the options of a select: the SIAE grouped, then the others. Shared by the
// extension's options and the widget's structure profile.
import { SIAE_KINDS, STRUCTURE_KINDS, type StructureKind } from '../core/profile/index';
import { t, type Lang, type MessageKey } from './i18n';

const KIND_KEY: Record<StructureKind, MessageKey> = {
  ei: 'kindEi',
  aci: 'kindAci',
  ai: 'kindAi',
  etti: 'kindEtti',
  eiti: 'kindEiti',
  geiq: 'kindGeiq',
  esat: 'kindEsat',
  ea: 'kindEa',
  association: 'kindAssociation',
  scop: 'kindScop',
  scic: 'kindScic',
  'ess-other': 'kindEssOther',
};

const OTHERS = STRUCTURE_KINDS.filter((k) => !(SIAE_KINDS as readonly string[]).includes(k));

/** `<optgroup>` of the SIAE kinds, then one `<option>` per other kind, labelled in `lang`. */
export function StructureKindOptions({ lang }: { lang: Lang }) {
  const option = (k: StructureKind) => (
    <option key={k} value={k}>
      {t(lang, KIND_KEY[k])}
    </option>
  );
  return (
    <>
      <optgroup label={t(lang, 'optProfileKindSiae')}>{SIAE_KINDS.map(option)}</optgroup>
      {OTHERS.map(option)}
    </>
  );
}
