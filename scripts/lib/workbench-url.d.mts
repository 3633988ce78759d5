export function workbenchUrl(baseUrl: string, folder: string, options?: { extDev?: string; testsPath?: string }): string;
