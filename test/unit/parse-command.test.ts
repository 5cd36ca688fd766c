import { describe, expect, it } from 'vitest';
import { parseCommandText, unescapeCommandText } from '../../src/commands/parse-command.js';

describe('parseCommandText', () => {
  it.each([
    [undefined, { subcommand: '', rest: '' }],
    ['   ', { subcommand: '', rest: '' }],
    ['help', { subcommand: 'help', rest: '' }],
    ['START  Q3 launch ', { subcommand: 'start', rest: 'Q3 launch' }],
    ['actions <@U123|maria>', { subcommand: 'actions', rest: '<@U123|maria>' }],
    ['start\nmulti\nline', { subcommand: 'start', rest: 'multi\nline' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});

describe('unescapeCommandText', () => {
  it.each([
    ['Q3 &lt;launch&gt; &amp; PR', 'Q3 <launch> & PR'],
    ['Retro with <@U123|maria> in <#C42|growth>', 'Retro with @maria in #growth'],
    ['Ping <!here|here>', 'Ping here'],
    ['Plain title', 'Plain title'],
  ])('%j → %j', (text, expected) => {
    expect(unescapeCommandText(text)).toBe(expected);
  });
});
