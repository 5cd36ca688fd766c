import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextOption = types.PlainTextOption;
export type InputBlock = types.InputBlock;
export type Button = types.Button;
export type Overflow = types.Overflow;
export type ActionsBlock = types.ActionsBlock;
