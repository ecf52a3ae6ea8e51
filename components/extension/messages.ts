// Messages between the extension's parts. Types only, plus small guards: the content script imports this,
// so nothing heavy may be imported here.
import type { Advice } from '../../core/advise/index';
import type { Fiche } from '../../core/kb/types';
import type { ListEntry, Reading } from '../../core/read/types';
import type { ExtensionRole, Settings } from '../../core/settings';
import type { Lang } from '../../core/lang';
import type { Fit, MarkerId } from '../../core/fit/index';
import type { MarkerSource } from '../../core/fit/list';

/** Content script → background: advise on the page's reading. */
export interface AdviseRequest {
  type: 'essor:advise';
  reading: Reading;
  role: ExtensionRole;
  lang: Lang;
}

/** Side panel / analyse page → background: advise on a free text (pasted, or a context-menu selection). */
export interface AdviseTextRequest {
  type: 'essor:advise-text';
  text: string;
  cpv?: string;
  role: ExtensionRole;
  lang: Lang;
}

/** What the background answers to an advice request. */
export type AdviseResponse =
  | {
      ok: true;
      /** The reading with its buyer territory completed from the territory tables. */
      reading: Reading;
      advice: Advice;
      /** The Fiche records the advice lists, so the content script never loads the knowledge base. */
      fiches: Fiche[];
      /** Human name of the buyer's territory ("Nantes · Loire-Atlantique · Pays de la Loire"). */
      territoryLabel?: string;
      /** For the ESS structure with a profile: does the notice fit it (core/fit). */
      fit?: Fit;
    }
  | { ok: false; error: string };

/** Content script → background: the overlay's stylesheet and message catalogue (kept out of the script). */
export interface UiRequest {
  type: 'essor:ui';
  lang: Lang;
}
export type UiAssets = { ok: true; lang: Lang; messages: Record<string, string>; css: string } | { ok: false };

/** Popup / side panel → content script: what is on this page? `analyse` reads it now even if switched off. */
export interface StatusRequest {
  type: 'essor:status';
  analyse?: boolean;
}

/**
 * Background → extension pages: the first stage was just injected into this tab (once its page had loaded). A
 * side panel following the tab asks its status again: it asked when the tab finished loading, before.
 */
export interface FirstStageReady {
  type: 'essor:first-stage';
  tabId: number;
}

/** What a content script answers to {@link StatusRequest}. */
export interface TabStatus {
  ok: true;
  url: string;
  title: string;
  /** False when the content script is present but switched off for this portal (and not asked to analyse). */
  active: boolean;
  recognised: boolean;
  pageKind: Reading['pageKind'];
  portal: string | null;
  reading?: Reading;
  advice?: AdviseResponse;
}

/** Popup / side panel → content script: open the in-page panel, or highlight a passage. */
export interface OpenPanelRequest {
  type: 'essor:open-panel';
}
export interface ShowEvidenceRequest {
  type: 'essor:show-evidence';
  evidence: string;
}

/** Popup / side panel → background: inject the content script into a tab (activeTab) and return its status. */
export interface AnalyseTabRequest {
  type: 'essor:analyse-tab';
  tabId: number;
}

/** What the background answers to {@link AnalyseTabRequest}. */
export type AnalyseTabResponse = TabStatus | { ok: false; error: 'no-access' | 'no-answer' };

/**
 * First stage → background: this page may be a notice or a list. With `inject`, the background injects the
 * second stage into the sender's tab unless the portal is switched off (or `force`: the user asked);
 * without, it only says whether Essor is active there and which portal engine the URL belongs to.
 */
export interface Stage2Request {
  type: 'essor:stage2';
  url: string;
  inject: boolean;
  force?: boolean;
  /** What the first stage found: on a list (and unless `force`), the list stage is injected instead of the overlay. */
  kind?: 'notice' | 'list';
}
export interface Stage2Response {
  ok: boolean;
  /** False when the portal is switched off in the options (and the user did not ask). */
  active: boolean;
  portal: string | null;
  /** Once injected: the settings and the overlay's stylesheet and catalogue, so the second stage asks for neither. */
  settings?: Settings;
  ui?: UiAssets;
}

/** Second stage on a BOAMP notice page → background: the structured record of that notice (BOAMP's own API). */
export interface BoampRecordRequest {
  type: 'essor:boamp-record';
  idweb: string;
}
export type BoampRecordResponse = { ok: true; reading: Reading } | { ok: false; error: string };

/** List stage → background: the markers of the results a list shows (at most 100 entries a request). */
export interface ListMarkersRequest {
  type: 'essor:list-markers';
  entries: ListEntry[];
}

/** One result's marker, worded in the user's language (the list stage bundles no catalogue). */
export interface ShownMarker {
  key: string;
  id: MarkerId;
  source: MarkerSource;
  /** The badge's words. */
  label: string;
  /** The full sentence for assistive technologies and the tooltip: what, why, from where. */
  detail: string;
}

/** What the background answers: the markers, or `off` when the user turned markers off in the options. */
export type ListMarkersResponse = { ok: true; lang: Lang; markers: ShownMarker[] } | { ok: false; off: boolean; error: string };

/** Second stage → background: the page stopped showing a notice (single-page portals): clear the toolbar. */
export interface ToolbarClearRequest {
  type: 'essor:toolbar-clear';
}

export type BackgroundRequest = AdviseRequest | AdviseTextRequest | AnalyseTabRequest | UiRequest | Stage2Request | ToolbarClearRequest | BoampRecordRequest;
export type ContentRequest = StatusRequest | OpenPanelRequest | ShowEvidenceRequest;

/** Key in `storage.session` of a context-menu request the side panel (or the analyse page) picks up. */
export const PENDING_KEY = 'essor:pending';

/** A context-menu request waiting for the side panel; the selection never goes in a URL. */
export interface PendingRequest {
  kind: 'search' | 'analyse';
  text: string;
  /** Who takes it: the docked panel, or the tab opened for it (`sidepanel.html?req=<id>`). */
  to: 'panel' | 'tab';
  id: string;
  /** Epoch ms, so a stale request is not replayed days later. */
  at: number;
}

export function isMessage<T extends { type: string }>(msg: unknown, type: T['type']): msg is T {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === type;
}
