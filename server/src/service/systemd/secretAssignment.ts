/** Which `Environment=` assignments spell out a credential (read by the rule and by the cloud-config fix). */

/** Variable names that hold credentials. */
const secretVariable =
  /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH_?KEY)/i;

/** Whether an `Environment=` word `NAME=value` spells out a credential (not empty, not a reference). */
export function isSecretAssignment(word: string): boolean {
  const eq = word.indexOf('=');
  if (eq <= 0) return false;
  const value = word.slice(eq + 1);
  return secretVariable.test(word.slice(0, eq)) && value !== '' && !/^(\$\{?\w+\}?|%\w)$/.test(value);
}
