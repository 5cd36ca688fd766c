import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/retro/card.ids.js';
import type { Phase } from '../../src/retro/phases.js';
import { presentCard } from '../../src/retro/present-card.js';
import { sampleRetro } from '../fixtures/retro.js';

function closeConfirmText(phase: Phase): string {
  const card = presentCard({
    retro: sampleRetro({ phase }),
    kpis: [],
    contributors: 2,
    items: 5,
    voters: 2,
    previousActions: null,
  });
  const close = (card.blocks as any[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements)
    .find((e: any) => e.action_id === ACTIONS.close);
  return String(close?.confirm?.text?.text);
}

describe('the confirmation before closing a retro', () => {
  it.each<Phase>(['voting', 'discussing'])('in %s says the summary goes to the channel', (phase) => {
    const text = closeConfirmText(phase);
    // The summary is posted in the channel itself (phase-change.service.ts), not in the card's thread.
    expect(text).toContain('in the channel');
    expect(text).not.toContain('thread');
    expect(text).toContain('cannot be reopened');
  });
});
