/**
 * Styles imported by client modules (Monaco, xterm, uPlot and the islands that load them on demand) are added to
 * the page when the module runs, not linked from every page's <head>: Astro hoists all CSS of a page script's module
 * graph, dynamic imports included (withastro/astro#9495), which would ship the editor's styles before any use.
 * Stylesheets imported from .astro files (the layout's global styles) are untouched.
 */
const PREFIX = '\0naxt-lazy-style:';

export function lazyStyles() {
  return {
    name: 'naxt-lazy-styles',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || options?.ssr || !/\.css$/.test(source) || !/\.(?:m?[jt]s)(?:\?.*)?$/.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      // The id must not end in .css, or Vite's CSS pipeline would take it back.
      return resolved && !resolved.external ? `${PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `const style = document.createElement('style');`,
        `style.textContent = css;`,
        `document.head.append(style);`,
        `export default css;`,
      ].join('\n');
    },
  };
}
