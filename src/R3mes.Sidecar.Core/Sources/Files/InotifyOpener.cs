namespace R3mes.Sidecar.Sources.Files;

/// <summary>
/// Opens an inotify instance whose thread calls <paramref name="received"/> for every event and
/// <paramref name="failed"/> once if it cannot go on. Throws <see cref="Posix.PosixException"/> when the kernel
/// refuses an instance (EMFILE: the user's <c>fs.inotify.max_user_instances</c> are used up).
/// </summary>
internal delegate IInotify InotifyOpener(Action<WatchEvent> received, Action<Exception> failed);
