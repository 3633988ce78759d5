// Lets webview code import its stylesheet (esbuild emits it next to the bundle).
declare module '*.css';
