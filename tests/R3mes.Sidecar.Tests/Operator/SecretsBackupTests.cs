using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Operator;

/// <summary><c>secrets backup</c>/<c>restore</c>: byte-for-byte with modes; a wrong key or any flipped byte writes nothing.</summary>
public sealed class SecretsBackupTests
{
    private const string Passphrase = "CANARY-correct horse battery 51d3";

    [Fact]
    public async Task BackupThenRestore_RoundTripsEveryFileByteForByte_WithItsMode()
    {
        using var workspace = new OperatorWorkspace();
        var env = Environment(Passphrase);
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        Assert.Equal(0, (await workspace.RunAsync("secrets", "rotate", "--secret", "redis_password")).ExitCode);
        File.SetUnixFileMode(Path.Combine(workspace.SecretsDir, "jwt_secret.txt"), UnixFileMode.UserRead);

        using var backup = await workspace.RunAsync(env, "secrets", "backup", "--out", "r3mes.backup");

        Assert.True(backup.ExitCode == 0, backup.Transcript);
        Assert.Equal("600", FileStatus.Of(workspace.PathOf("r3mes.backup")).Mode);
        var archive = File.ReadAllBytes(workspace.PathOf("r3mes.backup"));
        foreach (var value in workspace.Snapshot().Values)
        {
            Assert.True(archive.AsSpan().IndexOf(value) < 0, "a file's bytes appear in the archive as they are");
        }

        using var restore = await workspace.RunAsync(env, "secrets", "restore", "r3mes.backup", "--dir", "restored");

        Assert.True(restore.ExitCode == 0, restore.Transcript);
        Assert.Equal(workspace.Snapshot(), workspace.Snapshot(workspace.PathOf("restored")));
        foreach (var file in Directory.EnumerateFiles(workspace.SecretsDir))
        {
            Assert.Equal(FileStatus.Of(file).Mode, FileStatus.Of(workspace.PathOf("restored/" + Path.GetFileName(file))).Mode);
        }

        Assert.Equal("400", FileStatus.Of(workspace.PathOf("restored/jwt_secret.txt")).Mode);
        Assert.Equal("700", FileStatus.Of(workspace.PathOf("restored")).Mode);
        Canary.AssertAbsent([Passphrase, .. workspace.Snapshot().Where(f => f.Key != "postgres_user.txt").Select(f => System.Text.Encoding.UTF8.GetString(f.Value).Trim())], workspace.AllOutput);
    }

    [Fact]
    public async Task Restore_WithAWrongPassphrase_ExitsOne_AndWritesNothing()
    {
        using var workspace = await WithBackupAsync();

        using var restore = await workspace.RunAsync(Environment("CANARY-wrong horse battery 9e0f"), "secrets", "restore", "r3mes.backup", "--dir", "restored");

        Assert.True(restore.ExitCode == 1, restore.Transcript);
        Assert.Contains("wrong passphrase or key, or the backup was altered", restore.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace.PathOf("restored")));
    }

    [Fact]
    public async Task Restore_OfAnArchiveWithAnyOneByteFlipped_ExitsOne_AndWritesNothing()
    {
        using var workspace = await WithBackupAsync();
        var archive = File.ReadAllBytes(workspace.PathOf("r3mes.backup"));
        // The magic, the key kind, the KDF cost, the salt, the nonce, the ciphertext and the tag.
        foreach (var position in new[] { 0, 8, 9, 13, 17, 25, 40, 49, archive.Length / 2, archive.Length - 17, archive.Length - 1 })
        {
            var tampered = (byte[])archive.Clone();
            tampered[position] ^= 0x01;
            File.WriteAllBytes(workspace.PathOf("tampered.backup"), tampered);

            using var restore = await workspace.RunAsync(Environment(Passphrase), "secrets", "restore", "tampered.backup", "--dir", "restored");

            Assert.True(restore.ExitCode == 1, $"byte {position}: {restore.Transcript}");
            Assert.False(Directory.Exists(workspace.PathOf("restored")), $"byte {position}: the directory was created");
        }
    }

    [Fact]
    public async Task Restore_OverAFileWithAnotherValue_WithoutForce_ExitsOne_AndChangesNothing()
    {
        using var workspace = await WithBackupAsync();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "rotate", "--secret", "jwt_secret")).ExitCode);
        var before = workspace.Snapshot();

        using var restore = await workspace.RunAsync(Environment(Passphrase), "secrets", "restore", "r3mes.backup");

        Assert.True(restore.ExitCode == 1, restore.Transcript);
        Assert.Equal(before, workspace.Snapshot());

        using var forced = await workspace.RunAsync(Environment(Passphrase), "secrets", "restore", "r3mes.backup", "--force");
        Assert.True(forced.ExitCode == 0, forced.Transcript);
        Assert.NotEqual(before["jwt_secret.txt"], workspace.SecretBytes("jwt_secret.txt"));
    }

    [Fact]
    public async Task BackupWithAKeyFile_RoundTrips_AndAnotherKeyFails()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        File.WriteAllBytes(workspace.PathOf("backup.key"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(workspace.PathOf("other.key"), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(0, (await workspace.RunAsync("secrets", "backup", "--out", "r3mes.backup", "--key-file", "backup.key")).ExitCode);
        using var wrong = await workspace.RunAsync("secrets", "restore", "r3mes.backup", "--dir", "a", "--key-file", "other.key");
        using var right = await workspace.RunAsync("secrets", "restore", "r3mes.backup", "--dir", "b", "--key-file", "backup.key");

        Assert.True(wrong.ExitCode == 1, wrong.Transcript);
        Assert.False(Directory.Exists(workspace.PathOf("a")));
        Assert.True(right.ExitCode == 0, right.Transcript);
        Assert.Equal(workspace.Snapshot(), workspace.Snapshot(workspace.PathOf("b")));
    }

    [Fact]
    public async Task Backup_WithAShortPassphrase_IsRefused()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);

        using var backup = await workspace.RunAsync(Environment("short"), "secrets", "backup", "--out", "r3mes.backup");

        Assert.True(backup.ExitCode == 2, backup.Transcript);
        Assert.False(File.Exists(workspace.PathOf("r3mes.backup")));
    }

    private static Dictionary<string, string?> Environment(string passphrase) => new() { ["R3MES_BACKUP_PASSPHRASE"] = passphrase };

    private static async Task<OperatorWorkspace> WithBackupAsync()
    {
        var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        Assert.Equal(0, (await workspace.RunAsync(Environment(Passphrase), "secrets", "backup", "--out", "r3mes.backup")).ExitCode);
        return workspace;
    }
}
