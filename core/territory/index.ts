// Territory: INSEE codes (one parser), the resolver over the table (one resolver for the extension, the widget
// and the CLI), and the places the widget describes. See codes.ts, resolver.ts and place.ts.
export * from './codes.ts';
export * from './resolver.ts';
export * from './place.ts';
