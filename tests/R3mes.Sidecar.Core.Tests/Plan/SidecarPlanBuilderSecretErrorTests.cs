namespace R3mes.Sidecar.Core.Tests.Plan;

/// <summary>Invalid <c>secrets:</c> entries: each error names the key path, the value and the fix.</summary>
public sealed class SidecarPlanBuilderSecretErrorTests : IDisposable
{
    private const string Actions = "actions: { nginx-reload: { command: [nginx] }, backend: { signal: SIGHUP } }\n";
    private readonly PlanFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Build_BadRefresh_PathValueAndHelp() =>
        Assert.Equal(
            ["secrets[0].refresh: '5 minutes' is not a duration: write a number with a unit, e.g. 500ms, 90s, 5m, 1h, 1h30m, 2d"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { jwt_secret: {} }, refresh: 5 minutes }"));

    [Fact]
    public void Build_UnknownAction_DidYouMean() =>
        Assert.Equal(
            ["secrets[0].on_change[1]: unknown action 'nginx-relaod' (did you mean 'nginx-reload'? known: backend, nginx-reload)"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { jwt_secret: {} }, on_change: [backend, nginx-relaod] }"));

    [Fact]
    public void Build_OnChangeNotAList_SaysWriteAList() =>
        Assert.Equal(
            ["secrets[0].on_change: 'backend' is not a list: write on_change: [backend]"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { jwt_secret: {} }, on_change: backend }"));

    [Fact]
    public void Build_MissingSourceDirectory_ResolvedPathAndFix() =>
        Assert.Equal(
            [$"secrets[0].source.file: 'docker/missing' does not exist (resolved to {_fixture.ConfigDirectory}/docker/missing): create it or fix the path"],
            Errors("{ name: jwt, source: { file: docker/missing }, files: { jwt_secret: {} } }"));

    [Fact]
    public void Build_TwoSourceKinds_SaysOne() =>
        Assert.Equal(
            ["secrets[0].source: more than one source kind (env, file): a secret has one source"],
            Errors("{ name: jwt, source: { file: docker/secrets, env: JWT }, files: { jwt_secret: {} } }"));

    [Theory]
    [InlineData("source: { key: password }, ")]
    [InlineData("source: { vault: secret/jwt }, ")]
    [InlineData("")]
    public void Build_NoSourceKind_ListsKnownKinds(string source) =>
        Assert.Equal(
            ["secrets[0].source: name exactly one source kind (known: env, file), e.g. source: { file: docker/secrets }"],
            Errors($"{{ name: jwt, {source}files: {{ jwt_secret: {{}} }} }}"));

    [Fact]
    public void Build_UnknownSourceOption_DidYouMean() =>
        Assert.Equal(
            ["secrets[0].source.kee: unknown key 'kee' (did you mean 'key'? known: file, key, settle)"],
            Errors("{ name: jwt, source: { file: docker/secrets, kee: x }, files: { jwt_secret: {} } }"));

    [Fact]
    public void Build_BadEnvName_Refused() =>
        Assert.Equal(
            ["secrets[0].source.env: 'JWT-SECRET' is not an environment variable name (letters, digits, '_')"],
            Errors("{ name: jwt, source: { env: JWT-SECRET }, files: { jwt_secret: {} } }"));

    [Theory]
    [InlineData("../x", "'../x' contains a path separator: use a plain name such as postgres_password")]
    [InlineData(".env", "'.env' starts with '.', which is reserved for temporary files")]
    [InlineData("..", "'..' is not a file name")]
    public void Build_BadFileName_PathAndReason(string name, string reason) =>
        Assert.Equal([$"secrets[0].files[\"{name}\"]: {reason}"], Errors($"{{ name: jwt, source: {{ file: docker/secrets }}, files: {{ \"{name}\": {{}} }} }}"));

    [Fact]
    public void Build_DuplicateSecretNames_Refused() =>
        Assert.Equal(
            ["secrets[1].name: 'jwt' is used by another secret: names must be unique"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { a: {} } }", "{ name: jwt, source: { file: docker/secrets }, files: { b: {} } }"));

    [Fact]
    public void Build_SameFileFromTwoSecrets_NamesOwner() =>
        Assert.Equal(
            ["secrets[1].files.jwt_secret: secret 'first' already writes jwt_secret: each file has one secret"],
            Errors("{ name: first, source: { file: docker/secrets }, files: { jwt_secret: {} } }", "{ name: second, source: { env: JWT }, files: { jwt_secret: {} } }"));

    [Theory]
    [InlineData("my secret", "'my secret' is not a name (letters, digits, '_', '-')")]
    [InlineData("", "every secret needs a name")]
    public void Build_BadSecretName_Refused(string name, string message) =>
        Assert.Equal([$"secrets[0].name: {message}"], Errors($"{{ name: \"{name}\", source: {{ file: docker/secrets }}, files: {{ jwt_secret: {{}} }} }}"));

    [Theory]
    [InlineData("0666", "'0666' is not allowed: use permission bits only (at most 0777), owner-readable, never world-writable, e.g. \"0600\"")]
    [InlineData("abc", "'abc' is not an octal file mode: quote it, e.g. mode: \"0600\"")]
    public void Build_BadFileMode_Refused(string mode, string message) =>
        Assert.Equal(
            [$"secrets[0].files.jwt_secret.mode: {message}"],
            Errors($"{{ name: jwt, source: {{ file: docker/secrets }}, files: {{ jwt_secret: {{ mode: \"{mode}\" }} }} }}"));

    [Theory]
    [InlineData("files: {}")]
    [InlineData("files: []")]
    [InlineData("files:")]
    [InlineData("update: always")]
    public void Build_NoFiles_SaysListOne(string files) =>
        Assert.Equal(
            ["secrets[0].files: list at least one file, e.g. files: { jwt_secret: {} }"],
            Errors($"{{ name: jwt, source: {{ file: docker/secrets }}, {files} }}"));

    [Fact]
    public void Build_TemplateWithUnknownFilter_BadTemplate() =>
        Assert.Equal(
            ["secrets[0].files.jwt_secret: bad template: unknown filter 'upper' at character 1 (known: url, base64, base64decode, json, trim)"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { jwt_secret: \"{{ jwt_secret | upper }}\" } }"));

    [Fact]
    public void Build_EmptyTemplate_SaysWhatToWrite() =>
        Assert.Equal(
            ["secrets[0].files.jwt_secret: the template is empty: write e.g. \"{{ password }}\", or {} for the whole value"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { jwt_secret: \"\" } }"));

    [Fact]
    public void Build_TemplateAndKey_SaysOne() =>
        Assert.Equal(
            ["secrets[0].files.jwt_secret: set either template or key, not both"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { jwt_secret: { template: \"{{ a }}\", key: a } } }"));

    [Fact]
    public void Build_UnknownDecoding_ListsKnown() =>
        Assert.Equal(
            ["secrets[0].files.jwt_secret.decode: unknown decoding 'hex' (known: base64)"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { jwt_secret: { decode: hex } } }"));

    [Fact]
    public void Build_UnknownFileOption_DidYouMean() =>
        Assert.Equal(
            ["secrets[0].files.jwt_secret.templat: unknown key 'templat' (did you mean 'template'? known: decode, gid, key, mode, template, uid)"],
            Errors("{ name: jwt, source: { file: docker/secrets }, files: { jwt_secret: { templat: x } } }"));

    [Theory]
    [InlineData("sometimes")]
    [InlineData("1")]
    [InlineData("7")]
    [InlineData("always, never")]
    public void Build_BadUpdatePolicy_ListsKnown(string update) =>
        Assert.Equal(
            [$"secrets[0].update: '{update}' is not an update policy (known: always, never)"],
            Errors($"{{ name: jwt, source: {{ file: docker/secrets }}, files: {{ jwt_secret: {{}} }}, update: \"{update}\" }}"));

    private string[] Errors(params string[] secrets) =>
        _fixture.Errors(Actions + "secrets:\n" + string.Concat(secrets.Select(s => $"  - {s}\n")));
}
