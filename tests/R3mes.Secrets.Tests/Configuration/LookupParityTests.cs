using Microsoft.Extensions.Configuration;
using R3mes.Secrets.Configuration;
using R3mes.Secrets.Tests.TestSupport;

namespace R3mes.Secrets.Tests.Configuration;

/// <summary>
/// Issue 10, acceptance: every lookup case through both <see cref="SecretReader"/> and the configuration provider,
/// same answer (the reader's <c>TryGet</c> value, or no key), and that answer is the expected one.
/// </summary>
public sealed class LookupParityTests : IDisposable
{
    private readonly TempSecretDirectory _root = new();
    private readonly FakeEnvironment _environment = new();

    public void Dispose() => _root.Dispose();

    /// <summary>A name, how to lay out files and variables for it, and the value both must find (null: none).</summary>
    internal sealed record LookupCase(string Name, string FileName, Action<LookupCaseContext> Arrange, string? Expected, bool Fallback = true);

    internal sealed record LookupCaseContext(TempSecretDirectory Directory, TempSecretDirectory Elsewhere, FakeEnvironment Environment);

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    private static IReadOnlyList<LookupCase> Cases =>
    [
        new("file only", "jwt_secret", c => c.Directory.Write("jwt_secret", "from-file"), "from-file"),
        new("file beats both variables", "jwt_secret", c =>
        {
            c.Directory.Write("jwt_secret", "from-file");
            c.Environment["JWT_SECRET_FILE"] = c.Elsewhere.PathOf("pointed");
            c.Elsewhere.Write("pointed", "from-pointed");
            c.Environment["JWT_SECRET"] = "from-variable";
        }, "from-file"),
        new("$NAME_FILE beats $NAME", "jwt_secret", c =>
        {
            c.Environment["JWT_SECRET_FILE"] = c.Elsewhere.PathOf("pointed");
            c.Elsewhere.Write("pointed", "from-pointed\n");
            c.Environment["JWT_SECRET"] = "from-variable";
        }, "from-pointed"),
        new("$NAME only", "jwt_secret", c => c.Environment["JWT_SECRET"] = "from-variable", "from-variable"),
        new("empty $NAME_FILE falls through to $NAME", "jwt_secret", c =>
        {
            c.Environment["JWT_SECRET_FILE"] = "";
            c.Environment["JWT_SECRET"] = "from-variable";
        }, "from-variable"),
        new("$NAME_FILE naming a missing file does not fall back", "jwt_secret", c =>
        {
            c.Environment["JWT_SECRET_FILE"] = c.Elsewhere.PathOf("nope");
            c.Environment["JWT_SECRET"] = "stale";
        }, null),
        new("$NAME_FILE naming an empty file does not fall back", "jwt_secret", c =>
        {
            c.Environment["JWT_SECRET_FILE"] = c.Elsewhere.PathOf("empty");
            c.Elsewhere.Write("empty", "");
            c.Environment["JWT_SECRET"] = "stale";
        }, null),
        new("empty file does not fall back", "jwt_secret", c =>
        {
            c.Directory.Write("jwt_secret", "");
            c.Environment["JWT_SECRET"] = "stale";
        }, null),
        new("file of one newline is empty", "jwt_secret", c => c.Directory.Write("jwt_secret", "\n"), null),
        new("directory in place of the file does not fall back", "jwt_secret", c =>
        {
            Directory.CreateDirectory(c.Directory.PathOf("jwt_secret"));
            c.Environment["JWT_SECRET"] = "stale";
        }, null),
        new("file that is not UTF-8 does not fall back", "node_key", c =>
        {
            File.WriteAllBytes(c.Directory.PathOf("node_key"), [0xFF, 0xFE, 0x01]);
            c.Environment["NODE_KEY"] = "stale";
        }, null),
        new("file over 1 MiB does not fall back", "jwt_secret", c =>
        {
            File.WriteAllBytes(c.Directory.PathOf("jwt_secret"), new byte[(1024 * 1024) + 1]);
            c.Environment["JWT_SECRET"] = "stale";
        }, null),
        new("nothing anywhere", "jwt_secret", _ => { }, null),
        new("one trailing newline trimmed", "jwt_secret", c => c.Directory.Write("jwt_secret", "v\r\n"), "v"),
        new("only one of two newlines trimmed", "jwt_secret", c => c.Directory.Write("jwt_secret", "v\n\n"), "v\n"),
        new("byte order mark dropped", "jwt_secret", c => File.WriteAllBytes(c.Directory.PathOf("jwt_secret"), [0xEF, 0xBB, 0xBF, (byte)'v']), "v"),
        new("$NAME trimmed like a file", "jwt_secret", c => c.Environment["JWT_SECRET"] = "v\n", "v"),
        new("__ in a file name", "ConnectionStrings__Default", c => c.Directory.Write("ConnectionStrings__Default", "Host=db"), "Host=db"),
        new("custom key through $NAME", "smtp_password", c => c.Environment["SMTP_PASSWORD"] = "smtp", "smtp"),
        new("custom key through $NAME_FILE", "smtp_password", c =>
        {
            c.Environment["SMTP_PASSWORD_FILE"] = c.Elsewhere.PathOf("smtp");
            c.Elsewhere.Write("smtp", "smtp-file");
        }, "smtp-file"),
        new("Kubernetes volume link", "jwt_secret",
            c => KubernetesSecretVolume.Publish(c.Directory, "2025_01_01", new Dictionary<string, string> { ["jwt_secret"] = "k8s" }), "k8s"),
        new("fallback off ignores $NAME", "jwt_secret", c => c.Environment["JWT_SECRET"] = "from-variable", null, Fallback: false),
        new("fallback off ignores $NAME_FILE", "jwt_secret", c =>
        {
            c.Environment["JWT_SECRET_FILE"] = c.Elsewhere.PathOf("pointed");
            c.Elsewhere.Write("pointed", "from-pointed");
        }, null, Fallback: false),
        new("fallback off still reads the file", "jwt_secret", c => c.Directory.Write("jwt_secret", "from-file"), "from-file", Fallback: false),
    ];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ReaderAndConfiguration_SameAnswer(string name)
    {
        var lookupCase = Cases.Single(c => c.Name == name);
        var directory = Subdirectory("secrets");
        var elsewhere = Subdirectory("elsewhere");
        lookupCase.Arrange(new LookupCaseContext(directory, elsewhere, _environment));
        var key = SecretKey.Create(lookupCase.FileName);

        var found = Reader(directory.Path, lookupCase.Fallback).TryGet(key, out var fromReader);
        using var configuration = Configuration(directory.Path, lookupCase.Fallback, key);
        var fromConfiguration = configuration[SecretConfigurationKey.For("Secrets", lookupCase.FileName)];

        Assert.Equal(found, fromReader is not null);
        Assert.Equal(lookupCase.Expected, fromReader);
        Assert.Equal(lookupCase.Expected, fromConfiguration);
    }

    [Fact]
    public void MissingDirectory_BothFallBackToVariables()
    {
        var missing = _root.PathOf("absent");
        _environment["JWT_SECRET"] = "from-variable";

        using var configuration = Configuration(missing, fallback: true, SecretKey.JwtSecret);

        Assert.Equal("from-variable", Reader(missing, fallback: true).Get(SecretKey.JwtSecret));
        Assert.Equal("from-variable", configuration["Secrets:jwt_secret"]);
    }

    [Fact]
    public void DefaultKeys_AreTheTenR3mesSecrets_SoJwtSecretFileIsFound()
    {
        // The report: with JWT_SECRET_FILE set the reader found the secret and the provider did not.
        var elsewhere = Subdirectory("elsewhere");
        elsewhere.Write("jwt", "pointed");
        _environment["JWT_SECRET_FILE"] = elsewhere.PathOf("jwt");

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddR3mesSecrets(options =>
            {
                options.Directory = Subdirectory("secrets").Path;
                options.ReloadOnChange = false;
                options.EnvironmentVariables = _environment.Read;
            })
            .Build();

        Assert.Equal("pointed", configuration["Secrets:jwt_secret"]);
    }

    [Fact]
    public void EmptyPrefix_DoubleUnderscoreFile_FillsConnectionStrings()
    {
        var directory = Subdirectory("secrets");
        directory.Write("ConnectionStrings__Default", "Host=db;Password=x");

        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddR3mesSecrets(options =>
            {
                options.Directory = directory.Path;
                options.KeyPrefix = "";
                options.ReloadOnChange = false;
                options.EnvironmentVariables = _environment.Read;
            })
            .Build();

        Assert.Equal("Host=db;Password=x", configuration.GetConnectionString("Default"));
    }

    private TempSecretDirectory Subdirectory(string name)
    {
        var path = _root.PathOf(name);
        Directory.CreateDirectory(path);
        return new TempSecretDirectory(path);
    }

    private SecretReader Reader(string directory, bool fallback) => new(new SecretReaderOptions
    {
        Directory = directory,
        AllowEnvironmentFallback = fallback,
        EnvironmentVariables = _environment.Read,
    });

    private ConfigurationRoot Configuration(string directory, bool fallback, SecretKey key) =>
        (ConfigurationRoot)new ConfigurationBuilder()
            .AddR3mesSecrets(options =>
            {
                options.Directory = directory;
                options.AllowEnvironmentFallback = fallback;
                options.EnvironmentVariables = _environment.Read;
                options.ReloadOnChange = false;
                if (!options.Keys.Contains(key))
                    options.Keys.Add(key);
            })
            .Build();
}
