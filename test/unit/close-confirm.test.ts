import { describe, expect, it } from 'vitest';
import { presentConfirmModal } from '../../src/phase-change/present-phase-change.js';
import { sampleRetro } from '../fixtures/retro.js';
import { blockTexts } from './block-kit-limits.js';

describe('the confirmation before closing a retro', () => {
  it('says the summary goes to the channel and that there is no way back', () => {
    const view = presentConfirmModal(sampleRetro({ phase: 'discussing' }), 'closed', 'meta');
    const text = blockTexts(view.blocks).join('\n');
    // The summary is posted in the channel itself (phase-change.service.ts), not in the card's thread.
    expect(text).toContain('in the channel');
    expect(text).not.toContain('thread');
    expect(text).toContain('cannot be reopened');
    expect([view.submit?.text, view.close?.text]).toEqual(['Close retro', 'Not yet']);
  });

  it('says what cancelling loses', () => {
    const view = presentConfirmModal(sampleRetro({ phase: 'voting' }), 'cancelled', 'meta');
    expect(blockTexts(view.blocks).join('\n')).toContain('without a summary');
    expect([view.submit?.text, view.close?.text]).toEqual(['Cancel retro', 'Keep it']);
  });
});
