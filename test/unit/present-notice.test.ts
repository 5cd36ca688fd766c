import { describe, expect, it } from 'vitest';
import { presentNotice, presentNoticeModal } from '../../src/slack/present-notice.js';
import { assertMessageLimits, assertModalLimits } from './block-kit-limits.js';

describe('presentNotice', () => {
  it('is one section with the same fallback text', () => {
    const msg = presentNotice('This retro is closed.');
    expect(msg).toEqual({
      text: 'This retro is closed.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'This retro is closed.' } }],
    });
    assertMessageLimits(msg);
  });

  it('cuts very long text to the section limit', () => {
    const msg = presentNotice('x'.repeat(5000));
    assertMessageLimits(msg);
  });

  it('builds an informational modal with OK and a short title', () => {
    const view = presentNoticeModal('This form was changed by someone else', 'Please open it again.');
    assertModalLimits(view);
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe('OK');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text.endsWith('…')).toBe(true);
  });
});
