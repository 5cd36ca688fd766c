/** The simulated workspace: one team, the bot, five people in five zones and one channel. */

export interface DemoPerson {
  id: string;
  /** Display name, as `<@U…>` reads. */
  name: string;
  realName: string;
  title: string;
  tz: string;
  isAdmin: boolean;
}

export const DEMO_TEAM = { id: 'T0DEMO', name: 'Northwind GTM', domain: 'northwind-gtm' } as const;

export const DEMO_BOT = {
  userId: 'U0REARVIEW',
  botId: 'B0REARVIEW',
  appId: 'A0REARVIEW',
  name: 'Rearview',
} as const;

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    id: 'U0LENA',
    name: 'Lena Hoffmann',
    realName: 'Lena Hoffmann',
    title: 'Product Marketing Manager',
    tz: 'Europe/Berlin',
    isAdmin: true,
  },
  {
    id: 'U0MARCUS',
    name: 'Marcus Reed',
    realName: 'Marcus Reed',
    title: 'Demand Generation Lead',
    tz: 'America/New_York',
    isAdmin: false,
  },
  {
    id: 'U0PRIYA',
    name: 'Priya Shah',
    realName: 'Priya Shah',
    title: 'Content Marketing Manager',
    tz: 'Europe/London',
    isAdmin: false,
  },
  {
    id: 'U0DIEGO',
    name: 'Diego Alvarez',
    realName: 'Diego Alvarez',
    title: 'Growth Analyst',
    tz: 'America/Los_Angeles',
    isAdmin: false,
  },
  {
    id: 'U0WEILING',
    name: 'Wei Ling Tan',
    realName: 'Wei Ling Tan',
    title: 'Sales Operations Manager',
    tz: 'Asia/Singapore',
    isAdmin: false,
  },
];

/** Whoever the guided start acts as: the PMM who runs the launch retro. */
export const DEMO_FACILITATOR = DEMO_PEOPLE[0] as DemoPerson;

export const DEMO_CHANNEL = { id: 'C0GTMLAUNCH', name: 'gtm-launch' } as const;

/** The DM between the bot and a person (Slack gives each pair one). */
export function dmChannelOf(userId: string): string {
  return `D${userId.replace(/^U/, '')}`;
}
