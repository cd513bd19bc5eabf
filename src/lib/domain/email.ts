/** An address shaped like jo@example.com: what AWSEmail accepts, checked before anything is sent. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}
