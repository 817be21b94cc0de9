import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { maskPhone, toE164Indonesia } from '../../domain/notification-messages.js';

/** Sends one text message to one phone. Throws when the message was not accepted (the outbox retries). */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/**
 * AWS: SNS publishes straight to the phone number (no topic), as a transactional message (delivery
 * is prioritised over cost). The account must be out of the SMS sandbox for Indonesian numbers.
 */
export class SnsSmsSender implements SmsSender {
  constructor(private readonly client: SNSClient = new SNSClient({})) {}

  async send(phone: string, text: string): Promise<void> {
    await this.client.send(
      new PublishCommand({
        PhoneNumber: toE164Indonesia(phone),
        Message: text,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
  }
}

/**
 * The local stack: one line on stdout per message, `[SMS → +62812****7890] <text>`, so a developer sees
 * what the parents would get. The number is masked; this goes to the terminal, never to the logger.
 */
export class ConsoleSmsSender implements SmsSender {
  constructor(private readonly write: (line: string) => void = (line) => void process.stdout.write(line)) {}

  async send(phone: string, text: string): Promise<void> {
    this.write(`[SMS → ${maskPhone(toE164Indonesia(phone))}] ${text}\n`);
  }
}
