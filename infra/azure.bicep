// Daicho in Azure: App Service for Linux (Node 20) running `node dist/index.js`, a user-assigned
// managed identity, a Key Vault holding every secret (the app reads them through Key Vault
// references, as that identity), and the Azure Bot with its Teams channel. Deployed by the
// Agents Toolkit's arm/deploy (m365agents.yml) with infra/azure.parameters.json; shaped on the
// Toolkit's templates/vsc/ts/default-bot/infra/azure.bicep. App settings use Daicho's own
// variable names (README, "Configuration").

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

param webAppSKU string = 'B1'

@description('The App Service runtime. Node 20 meets package.json engines; NODE|22-lts works too, and outlives Node 20 (end of life April 2026).')
param linuxFxVersion string = 'NODE|20-lts'

@maxLength(42)
param botDisplayName string

param location string = resourceGroup().location
param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param identityName string = resourceBaseName
@maxLength(24)
param keyVaultName string = '${resourceBaseName}-kv'

@description('DAICHO_ENV of the server (any name but local means production rules).')
param daichoEnv string = 'dev'

@description('DAICHO_LOCALE: the language of messages for users whose Teams locale is unknown.')
@allowed([
  'ja'
  'en'
])
param daichoLocale string = 'ja'

@description('UserAssignedMSI: the bot signs in as the identity below (no secret). SingleTenant: as the Entra app botAppId with botPassword.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botType string = 'UserAssignedMSI'

@description('SingleTenant only: the Entra app\'s client id. Ignored for UserAssignedMSI.')
param botAppId string = ''

@secure()
@description('SingleTenant only: the Entra app\'s client secret (stored in Key Vault as bot-password).')
param botPassword string = ''

@secure()
@minLength(10)
@description('MONGODB_URI: mongodb:// or mongodb+srv:// connection string (stored in Key Vault as mongodb-uri).')
param mongodbUri string

@description('ADMIN_USER_IDS: Entra object ids of the admins, comma-separated (empty: not set).')
param adminUserIds string = ''
@description('ADMIN_TEAM_IDS: Teams team ids whose members are admins, comma-separated (empty: not set).')
param adminTeamIds string = ''

@description('Intune: AZURE_TENANT_ID of the app registration that reads managedDevices (empty: this tenant).')
param intuneTenantId string = ''
@description('Intune: AZURE_CLIENT_ID of that app registration (empty: Intune not configured).')
param intuneClientId string = ''
@secure()
param intuneClientSecret string = ''

@description('Jamf Pro: JAMF_URL (empty: Jamf Pro not configured).')
param jamfUrl string = ''
param jamfClientId string = ''
@secure()
param jamfClientSecret string = ''

var singleTenant = botType == 'SingleTenant'
var useIntune = !empty(intuneClientId)
var useJamf = !empty(jamfUrl)
var publicUrl = 'https://${webAppName}.azurewebsites.net'
// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var secretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    // Access by Azure RBAC (the role below), not by access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

resource mongodbSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'mongodb-uri'
  properties: { value: mongodbUri }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (singleTenant) {
  parent: vault
  name: 'bot-password'
  properties: { value: botPassword }
}

resource intuneSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useIntune && !empty(intuneClientSecret)) {
  parent: vault
  name: 'intune-client-secret'
  properties: { value: intuneClientSecret }
}

resource jamfSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (useJamf) {
  parent: vault
  name: 'jamf-client-secret'
  properties: { value: jamfClientSecret }
}

resource secretsReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: secretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault references by name (no version): a rotated secret is picked up on restart.
var kv = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='

var baseSettings = [
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
  { name: 'NODE_ENV', value: 'production' }
  { name: 'DAICHO_ENV', value: daichoEnv }
  { name: 'DAICHO_LOCALE', value: daichoLocale }
  // The package is mounted read-only; /home is the App Service's persistent, writable disk.
  { name: 'DAICHO_DATA_DIR', value: '/home/data/daicho' }
  { name: 'PUBLIC_URL', value: publicUrl }
  { name: 'BOT_ID', value: singleTenant ? botAppId : identity.properties.clientId }
  { name: 'BOT_TYPE', value: botType }
  { name: 'BOT_TENANT_ID', value: subscription().tenantId }
  { name: 'MONGODB_URI', value: '${kv}mongodb-uri)' }
]
var botPasswordSettings = singleTenant ? [{ name: 'BOT_PASSWORD', value: '${kv}bot-password)' }] : []
var adminUserSettings = empty(adminUserIds) ? [] : [{ name: 'ADMIN_USER_IDS', value: adminUserIds }]
var adminTeamSettings = empty(adminTeamIds) ? [] : [{ name: 'ADMIN_TEAM_IDS', value: adminTeamIds }]
var intuneSettings = useIntune ? [
  { name: 'AZURE_TENANT_ID', value: empty(intuneTenantId) ? subscription().tenantId : intuneTenantId }
  { name: 'AZURE_CLIENT_ID', value: intuneClientId }
] : []
var intuneSecretSettings = useIntune && !empty(intuneClientSecret) ? [
  { name: 'AZURE_CLIENT_SECRET', value: '${kv}intune-client-secret)' }
] : []
var jamfSettings = useJamf ? [
  { name: 'JAMF_URL', value: jamfUrl }
  { name: 'JAMF_CLIENT_ID', value: jamfClientId }
  { name: 'JAMF_CLIENT_SECRET', value: '${kv}jamf-client-secret)' }
] : []

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSKU
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    // Key Vault references resolve as this identity (it holds the secrets-reader role).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // Not `npm start`: its prestart builds and fetches the embedded database's binaries.
      appCommandLine: 'node dist/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: concat(baseSettings, botPasswordSettings, adminUserSettings, adminTeamSettings, intuneSettings, intuneSecretSettings, jamfSettings)
    }
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  // The app resolves its Key Vault references at start: the secrets and the role come first.
  dependsOn: [
    secretsReader
    mongodbSecret
    botSecret
    intuneSecret
    jamfSecret
  ]
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    botType: botType
    botAppId: singleTenant ? botAppId : identity.properties.clientId
    botTenantId: subscription().tenantId
    identityResourceId: identity.id
    botAppDomain: webApp.properties.defaultHostName
  }
}

// Written to env/.env.<env> by the Toolkit under these names (https://aka.ms/teamsfx-actions/arm-deploy).
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = singleTenant ? botAppId : identity.properties.clientId
output BOT_TENANT_ID string = subscription().tenantId
output PUBLIC_URL string = publicUrl
output KEY_VAULT_NAME string = vault.name
