namespace R3mes.Sidecar.Sources.Files;

/// <summary>One inotify event: the watch it belongs to, the kernel's mask, and the entry's name (null for the directory itself).</summary>
internal readonly record struct WatchEvent(int Watch, uint Mask, string? Name);
