/**
 * HelixLab readers and writers (browser-safe). Node-only file access is in `./node.js`, which is
 * not re-exported here so that the browser bundle stays free of `node:*` modules.
 */
export * from './formats.js';
export * from './validate.js';
export * from './json.js';
export * from './csv.js';
export * from './load.js';
export * from './write.js';
export * from './gexf.js';
export * from './graphml.js';
export * from './helix-map.js';
export * from './cordis.js';
export { setDefaultDomParser, EMBED_ATTRIBUTE, type DomParserConstructor, type XmlReadOptions } from './xml.js';
