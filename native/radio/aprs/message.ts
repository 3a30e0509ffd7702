import { AprsFail, type AprsPacket } from './types';

/**
 * `:ADDRESSEE:text{id` with the 9-character addressee padded by spaces; `ackID`/`rejID` answer a message;
 * `{id}replyack` piggybacks an ack (aprs11/replyacks.txt).
 */
export function parseMessage(body: string, into: Partial<AprsPacket>): void {
  into.type = 'message';
  const m = /^:([A-Za-z0-9_ -]{9}):(.*)$/s.exec(body);
  if (!m)
    throw new AprsFail(
      'msg_inv',
      `message "${body.slice(0, 12)}" lacks a 9-character addressee between colons`,
    );
  into.destination = m[1]!.trimEnd();
  const text = m[2]!;
  const ack = /^ack([A-Za-z0-9}]{1,5})\s*$/.exec(text);
  const rej = /^rej([A-Za-z0-9}]{1,5})\s*$/.exec(text);
  if (ack) {
    into.messageAck = ack[1];
    return;
  }
  if (rej) {
    into.messageRej = rej[1];
    return;
  }
  const withId = /^([^{]*)\{([A-Za-z0-9]{1,5})(\}[A-Za-z0-9]{1,5}|\}|)\s*$/s.exec(text);
  if (withId) {
    into.message = withId[1];
    into.messageId = withId[2];
    if (withId[3]) into.messageAck = withId[3].slice(1);
  } else {
    into.message = text;
  }
}
