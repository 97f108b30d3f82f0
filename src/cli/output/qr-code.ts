import { Observable } from 'rxjs';
import qrcodeTerminal from 'qrcode-terminal';

/**
 * `text` drawn as a QR code of block characters for a terminal, with the
 * library and the settings npm's `profile enable-2fa` uses (qrcode-terminal,
 * full size), so that the code an authenticator scans is the one npm draws.
 */
export function qrCode(text: string): Observable<string> {
  return new Observable<string>((subscriber) => {
    // A method call: `generate` reads the error-correction level from `this`.
    qrcodeTerminal.generate(text, { small: false }, (code) => {
      subscriber.next(code);
      subscriber.complete();
    });
  });
}
