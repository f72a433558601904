using R3mes.Sidecar.Aws.Agent;
using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>A burst of misses for one secret costs one GetSecretValue; other keys and refreshNow read on their own.</summary>
public sealed class AgentCacheSharingTests
{
    [Fact]
    public async Task ConcurrentMisses_ForOneKey_ShareOneRead()
    {
        var reader = new GatedReader();
        var cache = new AgentCache(reader, TimeSpan.FromMinutes(5), 10, TimeProvider.System);
        var key = new AgentCacheKey("prod/db", null, null);

        var burst = Enumerable.Range(0, 20).Select(_ => cache.GetAsync(key, refreshNow: false, CancellationToken.None)).ToArray();
        var other = cache.GetAsync(new AgentCacheKey("prod/other", null, null), refreshNow: false, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        reader.Open.SetResult();
        var results = await Task.WhenAll(burst);
        await other;

        Assert.Equal(2, reader.Calls);
        Assert.All(results, r => Assert.Same(results[0].Body, r.Body));
    }

    private sealed class GatedReader : ISecretValueReader
    {
        private int _calls;

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        public Task<DescribeSecretResponse> DescribeSecretAsync(string secretId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a miss never describes");

        public async Task<(GetSecretValueResponse Value, byte[] Body)> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Open.Task;
            return (new GetSecretValueResponse { Name = request.SecretId, SecretString = "v" }, [1, 2, 3]);
        }
    }
}
