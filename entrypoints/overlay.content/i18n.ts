// The overlay registers the catalogue the background sends once a notice is recognised, through the same
// registry every other page uses (components/i18n): the catalogues themselves stay out of the content script.
export { hasCatalogue as hasMessages, registerCatalogue as setMessages, t, type Lang, type MessageKey } from '../../components/i18n/index';
