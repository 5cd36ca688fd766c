import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../../src/action-items/action-item.js';
import { type HomeRetro, presentHomeTab } from '../../src/home/present-home-tab.js';
import { sampleActionItem } from '../fixtures/action-item.js';
import { blockTexts, modalProblems } from './block-kit-limits.js';

const TODAY = '2026-11-23';

/** A Home tab has a modal's block rules (100 blocks, same block checks), without a title or submit. */
function homeProblems(view: { type: string; blocks: unknown[] }): string[] {
  expect(view.type).toBe('home');
  return modalProblems({ type: 'modal', title: { type: 'plain_text', text: 'Home' }, blocks: view.blocks });
}

function openItems(count: number): ActionItem[] {
  return Array.from({ length: count }, (_, i) =>
    sampleActionItem({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      text: `Action ${i} ${'with a long & <detailed> description '.repeat(7)}`.slice(0, 300),
      dueDate: i % 2 === 0 ? '2026-11-02' : '2026-12-20',
    }),
  );
}

const retro = (overrides: Partial<HomeRetro> = {}): HomeRetro => ({
  id: 'r1',
  title: 'Q3 launch',
  channelId: 'C1',
  phase: 'discussing',
  deadlineAt: null,
  votingDeadlineAt: null,
  ...overrides,
});

function buttonValues(blocks: unknown[]): string[] {
  return (blocks as any[]).filter((b) => b.type === 'actions').map((b) => b.elements[0].value);
}

describe('the App Home tab', () => {
  it('with 150 open items publishes at most 100 blocks and says how many more', () => {
    const items = openItems(150);
    const view = presentHomeTab({
      open: { items, total: 150 },
      facilitating: [retro({ cardUrl: 'https://x.slack.com/archives/C1/p1' })],
      recent: Array.from({ length: 10 }, (_, i) =>
        retro({ id: `r${i}`, title: `Retro ${i}`, phase: 'closed' }),
      ),
      today: TODAY,
    });
    expect(homeProblems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const shown = buttonValues(view.blocks).length;
    expect(shown).toBeGreaterThan(20);
    const texts = blockTexts(view.blocks);
    expect(texts).toContain(`…and ${150 - shown} more — \`/retro actions\``);
    // Overdue (even-numbered) items come first.
    expect(texts.find((t) => t.startsWith('*Action'))).toContain('overdue');
    expect(texts).toContain('Retros you facilitate');
    expect(texts.join('\n')).toContain(
      '*<https://x.slack.com/archives/C1/p1|Q3 launch>* in <#C1> — Discussing',
    );
  });

  it('counts the items left out of a page too', () => {
    const view = presentHomeTab({
      open: { items: openItems(3), total: 40 },
      facilitating: [],
      recent: [],
      today: TODAY,
    });
    expect(homeProblems(view)).toEqual([]);
    expect(blockTexts(view.blocks)).toContain('…and 37 more — `/retro actions`');
  });

  it('shows every item with its buttons when they fit, and no "more" line', () => {
    const view = presentHomeTab({
      open: { items: openItems(5), total: 5 },
      facilitating: [],
      recent: [],
      today: TODAY,
    });
    expect(buttonValues(view.blocks)).toHaveLength(5);
    expect(blockTexts(view.blocks).join('\n')).not.toContain('more —');
  });

  it('explains how to start when there is nothing to show', () => {
    const view = presentHomeTab({
      open: { items: [], total: 0 },
      facilitating: [],
      recent: [],
      today: TODAY,
    });
    expect(homeProblems(view)).toEqual([]);
    const text = blockTexts(view.blocks).join('\n');
    expect(text).toContain('How to start');
    expect(text).toContain('/retro start');
    expect(text).toContain('/retro action ');
  });

  it('shows a collecting retro with its deadline, and escapes titles and actions', () => {
    const hostile = '<!channel> <https://evil.example|x> *bold*';
    const view = presentHomeTab({
      open: { items: [sampleActionItem({ text: hostile })], total: 1 },
      facilitating: [
        retro({
          title: hostile,
          phase: 'collecting',
          deadlineAt: new Date('2026-11-25T17:00:00Z'),
          cardUrl: 'https://x/p',
        }),
      ],
      recent: [retro({ title: hostile })],
      today: TODAY,
    });
    expect(homeProblems(view)).toEqual([]);
    const text = blockTexts(view.blocks).join('\n');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil');
    expect(text).toContain('feedback due <!date^');
  });

  it('shows when voting ends for a retro in its vote', () => {
    const view = presentHomeTab({
      open: { items: [], total: 0 },
      facilitating: [retro({ phase: 'voting', votingDeadlineAt: new Date('2026-11-26T17:00:00Z') })],
      recent: [],
      today: TODAY,
    });
    expect(homeProblems(view)).toEqual([]);
    expect(blockTexts(view.blocks).join('\n')).toContain('— Voting · voting ends <!date^1795712400^');
  });

  it('does not say "no retros" under recent ones when the reader facilitates one there', () => {
    const text = (facilitating: HomeRetro[]) =>
      blockTexts(
        presentHomeTab({ open: { items: [], total: 0 }, facilitating, recent: [], today: TODAY }).blocks,
      ).join('\n');
    expect(text([retro()])).toContain('No other retros in your channels yet.');
    expect(text([retro()])).not.toContain('No retros yet');
    expect(text([])).toContain('No retros yet in the channels you take part in.');
  });

  it('tells someone with no open items when a weekly reminder would come, not that one comes', () => {
    const reminder = (total: number) =>
      blockTexts(
        presentHomeTab({
          open: { items: openItems(total), total },
          facilitating: [],
          recent: [],
          today: TODAY,
          nudgeMoment: 'Mondays at 09:00 UTC',
        }).blocks,
      ).find((line) => line.startsWith('⏰'));
    expect(reminder(0)).toBe(
      '⏰ Weekly reminder, once you have open items: Mondays at 09:00 UTC · `/retro settings`',
    );
    expect(reminder(2)).toBe(
      '⏰ Weekly reminder of your open items: Mondays at 09:00 UTC · `/retro settings`',
    );
  });
});
