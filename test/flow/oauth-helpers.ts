import { expect } from 'vitest';
import type { FakeSlack, FakeWorkspace } from '../harness/fake-slack.js';
import { SignedSender } from '../harness/signed-sender.js';
import { SlackUser } from '../harness/slack-user.js';
import { SIGNING_SECRET, type TestApp } from '../harness/test-app.js';

/** Two workspaces that install the app by OAuth in tests. */
export const ACME = { teamId: 'T0ACME', code: 'code-acme', token: 'xoxb-acme-secret', botUserId: 'UBOTACME' };
export const GLOBEX = {
  teamId: 'T0GLOBEX',
  code: 'code-globex',
  token: 'xoxb-globex-secret',
  botUserId: 'UBOTGLOBEX',
};

export interface Page {
  status: number;
  text: string;
  headers: Headers;
}

async function get(url: string, cookie?: string): Promise<Page> {
  const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Opens the "Add to Slack" page: the state in its link and the cookie that must come back with it. */
export async function openInstallPage(
  t: Pick<TestApp, 'baseUrl'>,
): Promise<{ page: Page; state: string; cookie: string }> {
  const page = await get(`${t.baseUrl}/slack/install`);
  expect(page.status).toBe(200);
  const state = decodeURIComponent(/state=([^&"]+)/.exec(page.text)?.[1] ?? '');
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(state).not.toBe('');
  return { page, state, cookie };
}

export function callback(
  t: Pick<TestApp, 'baseUrl'>,
  query: Record<string, string>,
  cookie?: string,
): Promise<Page> {
  return get(`${t.baseUrl}/slack/oauth_redirect?${new URLSearchParams(query)}`, cookie);
}

/** A workspace admin installs the app the way Slack leads them: install page, consent, redirect back. */
export async function install(
  t: Pick<TestApp, 'baseUrl' | 'slack'>,
  workspace: FakeWorkspace,
): Promise<Page> {
  t.slack.addWorkspace(workspace);
  const { state, cookie } = await openInstallPage(t);
  return callback(t, { code: workspace.code, state }, cookie);
}

/** The same app as seen from another workspace: requests carry that workspace's team id. */
export function asTeam(t: TestApp, teamId: string): TestApp {
  const slack = Object.create(t.slack, { teamId: { value: teamId } }) as FakeSlack;
  const team: TestApp = {
    ...t,
    sender: new SignedSender(`${t.baseUrl}/slack/events`, SIGNING_SECRET, slack),
    user: (userId, channelId = 'C0RETRO') => new SlackUser(team, userId, channelId),
  };
  return team;
}
