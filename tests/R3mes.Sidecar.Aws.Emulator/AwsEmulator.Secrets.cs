using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>The test-facing way to change secrets: create, put, rotate (stage moves as AWS makes them), delete.</summary>
public sealed partial class AwsEmulator
{
    public const string Current = "AWSCURRENT";
    public const string Previous = "AWSPREVIOUS";
    public const string Pending = "AWSPENDING";

    /// <summary>Creates a secret (with a first AWSCURRENT version when a value is given) and returns its ARN.</summary>
    public string CreateSecret(string name, string? secretString = null, byte[]? secretBinary = null)
    {
        lock (_gate)
        {
            if (_secrets.ContainsKey(name))
            {
                throw new InvalidOperationException($"The operation failed because the secret {name} already exists.");
            }

            var secret = new EmulatedSecret { Name = name, Arn = ArnFor(name), Created = Now, LastChanged = Now };
            _secrets[name] = secret;
            if (secretString is not null || secretBinary is not null)
            {
                AddVersion(secret, secretString, secretBinary, null, [Current]);
            }

            return secret.Arn;
        }
    }

    /// <summary>Like PutSecretValue: the new version becomes AWSCURRENT, the old current AWSPREVIOUS. Returns the version id.</summary>
    public string PutSecretValue(string name, string secretString) => PutSecretValue(name, secretString, null);

    public string PutSecretValue(string name, string? secretString, byte[]? secretBinary)
    {
        lock (_gate)
        {
            return AddVersion(Existing(name), secretString, secretBinary, null, [Current]).Id;
        }
    }

    /// <summary>A rotation's first step: a new version labelled AWSPENDING only (readers still get AWSCURRENT).</summary>
    public string StagePending(string name, string newValue)
    {
        lock (_gate)
        {
            var secret = Existing(name);
            secret.RotationEnabled = true;
            return AddVersion(secret, newValue, null, null, [Pending]).Id;
        }
    }

    /// <summary>A rotation's last step: AWSPENDING's version becomes AWSCURRENT, the old current AWSPREVIOUS.</summary>
    public string FinishRotation(string name)
    {
        lock (_gate)
        {
            var secret = Existing(name);
            var pending = secret.WithStage(Pending) ?? throw new InvalidOperationException($"{name} has no {Pending} version");
            pending.Stages.Remove(Pending);
            MoveStage(secret, Current, pending);
            secret.LastRotated = Now;
            secret.LastChanged = Now;
            return pending.Id;
        }
    }

    /// <summary>A whole rotation (AWSPENDING, then AWSCURRENT; previous current becomes AWSPREVIOUS). Returns the new version id.</summary>
    public string Rotate(string name, string newValue)
    {
        StagePending(name, newValue);
        return FinishRotation(name);
    }

    /// <summary>Alternating-users rotation of a PostgreSQL secret: flips <c>username</c> between the user and
    /// <c>&lt;user&gt;_clone</c> with a new password. Returns the new JSON.</summary>
    public string AlternateUsersRotation(string name, string newPassword)
    {
        string current;
        lock (_gate)
        {
            current = Existing(name).WithStage(Current)?.String ?? throw new InvalidOperationException($"{name} has no string value");
        }

        var json = JsonNode.Parse(current)!.AsObject();
        var user = json["username"]!.GetValue<string>();
        json["username"] = user.EndsWith("_clone", StringComparison.Ordinal) ? user[..^"_clone".Length] : user + "_clone";
        json["password"] = newPassword;
        var value = json.ToJsonString();
        Rotate(name, value);
        return value;
    }

    /// <summary>Schedules deletion: DescribeSecret shows DeletedDate, reads fail with InvalidRequestException.</summary>
    public void DeleteSecret(string name)
    {
        lock (_gate)
        {
            Existing(name).Deleted = Now;
        }
    }

    public void RestoreSecret(string name)
    {
        lock (_gate)
        {
            Existing(name).Deleted = null;
        }
    }

    public string SecretArn(string name)
    {
        lock (_gate)
        {
            return Existing(name).Arn;
        }
    }

    /// <summary>The version ids carrying <paramref name="stage"/> (for assertions).</summary>
    public string? VersionWithStage(string name, string stage)
    {
        lock (_gate)
        {
            return Existing(name).WithStage(stage)?.Id;
        }
    }

    private EmulatedSecret Existing(string name) =>
        _secrets.TryGetValue(name, out var secret) ? secret : throw new InvalidOperationException($"no secret {name}");

    private string ArnFor(string name) => $"arn:aws:secretsmanager:{Region}:{AccountId}:secret:{name}-{RandomText(6)}";

    /// <summary>Adds a version carrying <paramref name="stages"/>; AWSCURRENT moving pushes the old current to AWSPREVIOUS (call under the lock).</summary>
    private SecretVersion AddVersion(EmulatedSecret secret, string? secretString, byte[]? secretBinary, string? versionId, IEnumerable<string> stages)
    {
        var version = new SecretVersion { Id = versionId ?? Guid.NewGuid().ToString(), String = secretString, Binary = secretBinary, Created = Now };
        secret.Versions.Add(version);
        foreach (var stage in stages)
        {
            MoveStage(secret, stage, version);
        }

        secret.LastChanged = Now;
        return version;
    }

    private static void MoveStage(EmulatedSecret secret, string stage, SecretVersion to)
    {
        var from = secret.WithStage(stage);
        if (from == to)
        {
            return;
        }

        from?.Stages.Remove(stage);
        to.Stages.Add(stage);
        if (stage == Current && from is not null)
        {
            MoveStage(secret, Previous, from);
        }
    }
}
