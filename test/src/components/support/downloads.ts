import { afterEach, beforeEach } from 'vitest';

/**
 * The browser's downloads during each test, caught where downloadText clicks its link (other
 * clicks go through), and read back from their blob URLs.
 */
export function catchDownloads() {
  const caught: { filename: string; url: string }[] = [];
  const realClick = HTMLAnchorElement.prototype.click;
  beforeEach(() => {
    caught.length = 0;
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      if (this.download) caught.push({ filename: this.download, url: this.href });
      else realClick.call(this);
    };
  });
  afterEach(() => {
    HTMLAnchorElement.prototype.click = realClick;
  });
  return {
    get list() {
      return caught;
    },
    saved: async (i = 0) => ({ filename: caught[i].filename, text: await (await fetch(caught[i].url)).text() }),
  };
}
