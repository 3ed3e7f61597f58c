// The Azure Bot resource: Daicho's messaging endpoint and the Teams channel. Same shape as the
// Agents Toolkit's templates/vsc/ts/default-bot/infra/botRegistration/azurebot.bicep, with the
// app type as a parameter so a single-tenant Entra app can be used instead of the identity.
@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

param botServiceName string = resourceBaseName
param botServiceSku string = 'F0'

@description('UserAssignedMSI (no secret) or SingleTenant. MultiTenant is no longer accepted for new bots.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botType string

@description('The client id the bot signs in with: the managed identity\'s, or the Entra app\'s.')
param botAppId string

@description('The Entra tenant of that identity or app.')
param botTenantId string

@description('The managed identity\'s resource id; ignored for SingleTenant.')
param identityResourceId string = ''

@description('The host name Daicho is reached at (no scheme, no path).')
param botAppDomain string

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAppId
    msaAppType: botType
    msaAppTenantId: botTenantId
    msaAppMSIResourceId: botType == 'UserAssignedMSI' ? identityResourceId : null
  }
  sku: {
    name: botServiceSku
  }
}

// Connect the bot to Microsoft Teams.
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
