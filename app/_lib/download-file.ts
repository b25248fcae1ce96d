/**
 * Saves text made in the browser as a file (a Blob behind a temporary link): nothing goes to
 * the server. The object URL is revoked a little later, once the download has surely started.
 */
export function downloadFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
