/** Report renderers (browser-safe): the neutral report document, Markdown/HTML, and the analysis reports. */
export * from './document.js';
export * from './render.js';
export * from './analysis.js';
