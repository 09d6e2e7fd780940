import { h } from './dom.js';
import { t } from './i18n.js';

const TOAST_MS = 10_000;

/** The two ways the app talks about trouble: a message that fades, and a banner while the API is unreachable. */
export class Notices {
  private readonly toast = document.getElementById('toast')!;
  private readonly banner = document.getElementById('offline')!;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private retry: (() => Promise<void>) | null = null;

  /** Shows a sentence (an API `error`, a rollback) for a few seconds; screen readers announce it. */
  say(message: string, tone: 'error' | 'ok' = 'error'): void {
    clearTimeout(this.toastTimer);
    this.toast.className = `toast ${tone}`;
    this.toast.replaceChildren(
      h('span', {}, message),
      h('button', { type: 'button', class: 'quiet', 'aria-label': t('page.dismiss'), onclick: () => this.hideToast() }, '×'),
    );
    this.toast.hidden = false;
    this.toastTimer = setTimeout(() => this.hideToast(), TOAST_MS);
  }

  /** The API cannot be reached: a banner with a Retry button that runs the latest `retry` given. */
  offline(retry: () => Promise<void>): void {
    this.retry = retry;
    if (!this.banner.hidden) return;
    // aria-disabled rather than disabled while retrying: a disabled button would drop keyboard focus.
    const button = h('button', { type: 'button', id: 'retry' }, t('page.retry'));
    button.addEventListener('click', async () => {
      if (button.getAttribute('aria-disabled') === 'true' || !this.retry) return;
      button.setAttribute('aria-disabled', 'true');
      button.textContent = t('page.retrying');
      try {
        await this.retry();
      } finally {
        button.removeAttribute('aria-disabled');
        button.textContent = t('page.retry');
      }
    });
    this.banner.replaceChildren(h('span', { class: 'banner-text' }, t('page.offline')), button);
    this.banner.hidden = false;
  }

  /** The language changed: the banner says the same in the new one (a toast is left to fade in the old). */
  relabel(): void {
    if (this.banner.hidden) return;
    const text = this.banner.querySelector('.banner-text');
    const button = this.banner.querySelector('#retry');
    if (text) text.textContent = t('page.offline');
    if (button && button.getAttribute('aria-disabled') !== 'true') button.textContent = t('page.retry');
  }

  online(): void {
    this.retry = null;
    this.banner.hidden = true;
    this.banner.replaceChildren();
  }

  /** Takes a sentence down before its time: it spoke of a screen that is gone (logging out). */
  dismiss(): void {
    clearTimeout(this.toastTimer);
    this.hideToast();
  }

  private hideToast(): void {
    this.toast.hidden = true;
  }
}
