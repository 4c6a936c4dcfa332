// Starts the web app. Trunk's default loader is an inline script, which the
// Content Security Policy forbids; this file loads the same module instead.
const script = document.querySelector('script[data-js][data-wasm]');
const app = await import(new URL(script.dataset.js, document.baseURI).href);
await app.default({ module_or_path: new URL(script.dataset.wasm, document.baseURI).href });
