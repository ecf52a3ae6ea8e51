import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { createTerritory, type TerritoryData } from '../../../core/territory/index';
import { createOptionsModel } from '../../../components/extension/options-model';
import { OptionsApp } from '../../../components/extension/options-app';
import { loadProfile, PROFILE_KEY } from '../../../components/extension/profile-model';

const root = path.resolve(__dirname, '../../..');
const territory = createTerritory(JSON.parse(fs.readFileSync(path.join(root, 'data/territory.json'), 'utf8')) as TerritoryData);

describe('the profile in the options', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
  });

  it('stores kind, ESUS, trades, places and maximum locally, through the repairing parser', async () => {
    const m = createOptionsModel({ territory, portalIds: [] });
    await m.load();
    expect(m.profile.value).toBeNull();
    await m.setKind('aci');
    await m.setEsus(true);
    await m.toggleSector('espaces-verts-naturels', true);
    await m.toggleSector('proprete-nettoyage', true);
    await m.toggleSector('proprete-nettoyage', false);
    m.profilePlaceQuery.value = 'lille';
    const lille = m.profilePlaceResults.value.find((c) => c.name === 'Lille')!;
    await m.addPlace(lille.code);
    await m.addPlace(`dep:${lille.departement}`);
    await m.addPlace(`reg:${lille.region}`);
    await m.setMaxValue('150 000');
    expect(await loadProfile()).toEqual({ v: 1, kind: 'aci', esus: true, sectors: ['espaces-verts-naturels'], territory: ['59350', '59', 'reg:32'], maxValue: 150000 });
    expect(m.placeLabel('59')).toBe('Nord (59)');
    expect(m.placeLabel('reg:32')).toBe('Hauts-de-France');
    await m.removePlace('59350');
    await m.setMaxValue('');
    expect(await loadProfile()).toEqual({ v: 1, kind: 'aci', esus: true, sectors: ['espaces-verts-naturels'], territory: ['59', 'reg:32'] });
    await m.clearProfile();
    expect((await fakeBrowser.storage.local.get(PROFILE_KEY))[PROFILE_KEY]).toBeUndefined();
  });

  it('repairs a damaged stored profile and drops one without a kind', async () => {
    await fakeBrowser.storage.local.set({ [PROFILE_KEY]: { kind: 'esat', sectors: ['blanchisserie', 'nope'], territory: ['69', 'x'] } });
    expect(await loadProfile()).toEqual({ v: 1, kind: 'esat', esus: false, sectors: ['blanchisserie'], territory: ['69'] });
    await fakeBrowser.storage.local.set({ [PROFILE_KEY]: 'garbage' });
    expect(await loadProfile()).toBeNull();
    expect((await fakeBrowser.storage.local.get(PROFILE_KEY))[PROFILE_KEY]).toBeUndefined();
  });

  it('renders the section with labelled controls, in French and English', async () => {
    const m = createOptionsModel({ territory, portalIds: [] });
    await m.load();
    await m.setKind('geiq');
    const el = document.createElement('div');
    document.body.append(el);
    render(<OptionsApp model={m} portals={[]} />, el);
    expect(el.textContent).toContain('Ma structure de l’ESS');
    const select = el.querySelector<HTMLSelectElement>('#essor-opt-kind')!;
    expect(el.querySelector('label[for="essor-opt-kind"]')).not.toBeNull();
    expect(select.value).toBe('geiq');
    // GEIQ is offered outside the SIAE group.
    expect(select.querySelector('optgroup option[value="geiq"]')).toBeNull();
    expect([...select.querySelectorAll('optgroup option')].map((o) => (o as HTMLOptionElement).value)).toEqual(['ei', 'aci', 'ai', 'etti', 'eiti']);
    expect(el.querySelectorAll('input[type="checkbox"]').length).toBeGreaterThanOrEqual(18);
    await m.update({ lang: 'en' });
    render(<OptionsApp model={m} portals={[]} />, el);
    expect(el.textContent).toContain('My social economy structure');
    render(null, el);
  });
});
