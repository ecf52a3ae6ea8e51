// pdf.js ships no types for its worker module; essor-draft.js only hands its message handler to pdf.js.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
