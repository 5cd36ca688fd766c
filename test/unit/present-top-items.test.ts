import { describe, expect, it } from 'vitest';
import { presentTopItems } from '../../src/summary/present-top-items.js';
import { composeSummary } from '../../src/summary/summary.js';
import { summaryInput } from '../fixtures/summary-input.js';
import { assertMessageLimits, blockTexts } from './block-kit-limits.js';

const textOf = (messages: { blocks: unknown[] }[]) =>
  messages.map((m) => blockTexts(m.blocks).join('\n')).join('\n');

/** A SWOT retro whose most voted item is in the last section and whose first section got no votes. */
const swot = composeSummary(
  summaryInput({
    template: 'swot',
    items: [
      { id: 'a', section: 'strengths', text: 'Fast launch', anonymous: true, authorId: null },
      { id: 'b', section: 'strengths', text: 'Good copy', anonymous: false, authorId: 'U_ANA' },
      { id: 'c', section: 'weaknesses', text: 'Thin budget', anonymous: true, authorId: null },
      { id: 'd', section: 'threats', text: 'Competitor price cut', anonymous: true, authorId: null },
    ],
    votes: new Map([
      ['c', 1],
      ['d', 6],
    ]),
  }),
);

describe('presentTopItems', () => {
  const messages = presentTopItems({ retroTitle: 'Q3 launch', sections: swot.sections });
  const text = textOf(messages);

  it('leads with the most voted items across sections', () => {
    expect(text).toContain(
      'Voting is over for *Q3 launch*. Top items:\n1. Competitor price cut (6 votes) · ⚡ Threats\n2. Thin budget (1 vote) · 🩹 Weaknesses',
    );
    for (const m of messages) assertMessageLimits(m);
  });

  it('says a section nobody voted on ranks nothing, and lists no item with 0 votes', () => {
    expect(text).toContain('*💪 Strengths*\n_Nobody voted in this section, so nothing is ranked._');
    expect(text).not.toContain('Fast launch');
    expect(text).not.toContain('Good copy');
    expect(text).not.toMatch(/\b0 votes/);
    expect(text).not.toContain('U_ANA');
  });

  it('says when nobody voted at all', () => {
    const none = composeSummary(summaryInput({ votes: new Map() }));
    const posted = presentTopItems({ retroTitle: 'Q3 launch', sections: none.sections });
    expect(textOf(posted)).toBe('Voting is over for *Q3 launch*. Nobody voted, so no item is ranked.');
    expect(posted[0]?.text).toBe('Voting is over for Q3 launch. Nobody voted.');
  });
});
