import { describe, expect, it } from 'vitest';
import { isFacilitator, type RetroRoles } from '../../src/retro/permissions.js';
import { onlyFacilitatorsMessage } from '../../src/retro/present-retro-notice.js';

const retro: RetroRoles = { createdBy: 'U_CREATOR', facilitatorIds: ['U_CO'] };

describe('isFacilitator', () => {
  it.each([
    ['U_CREATOR', true],
    ['U_CO', true],
    ['U_OTHER', false],
    ['', false],
  ])('%s → %s', (userId, expected) => {
    expect(isFacilitator(retro, userId)).toBe(expected);
  });

  it('counts the creator even when the facilitator list leaves them out', () => {
    expect(isFacilitator({ createdBy: 'U_CREATOR', facilitatorIds: [] }, 'U_CREATOR')).toBe(true);
  });
});

describe('onlyFacilitatorsMessage', () => {
  it('names the retro and the action', () => {
    expect(onlyFacilitatorsMessage('Q3 launch', 'reveal the feedback')).toBe(
      'Only the facilitators of *Q3 launch* can reveal the feedback.',
    );
    expect(onlyFacilitatorsMessage('Q3 launch', 'close the retro')).toBe(
      'Only the facilitators of *Q3 launch* can close the retro.',
    );
  });

  it('escapes Slack control characters and asterisks in the title', () => {
    expect(onlyFacilitatorsMessage('*Big* <launch> & co', 'close the retro')).toBe(
      'Only the facilitators of *Big &lt;launch&gt; &amp; co* can close the retro.',
    );
  });
});
