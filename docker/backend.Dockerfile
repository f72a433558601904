# The example R3MES backend (examples/backend): reads its PostgreSQL credentials from /run/secrets.
#   docker build -f docker/backend.Dockerfile -t r3mes-backend .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish examples/backend -c Release -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /out /app
WORKDIR /app
USER 65532:65532
ENTRYPOINT ["dotnet", "R3mes.Backend.Example.dll"]
