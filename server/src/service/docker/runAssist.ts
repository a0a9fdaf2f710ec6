/** Completion and hover inside `docker run` command lines, for unit `Exec*=` values and shell text. */
export { completeRunFlag } from './runComplete';
export { hoverRunCommand, describePublication } from './runHover';
