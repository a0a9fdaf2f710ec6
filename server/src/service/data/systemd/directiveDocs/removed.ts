/** Directives systemd removed but still recognises (it warns and ignores them); our own words. */

export const removedDirectiveDocs: Readonly<Record<string, string>> = {
  Capabilities: 'Removed: systemd ignores it. Use CapabilityBoundingSet= and AmbientCapabilities=.',
  SysVStartPriority: 'Removed: systemd ignores it. Order units with After=/Before=.',
  NetClass: 'Removed: systemd ignores it.',
  BusPolicy: 'Removed together with kdbus: systemd ignores it.',
  IgnoreOnSnapshot: 'Removed together with snapshot units: systemd ignores it.',
};
