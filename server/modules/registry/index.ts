// Public surface of the registry module.
export { assetProductSql } from './analytics-read.ts';
export { type ArchiveEventInput, recordArchiveEvent, recordArchiveEvents } from './archive.ts';
export { createAsset, createProduct, getAsset, getProduct, recordRepairs } from './asset-service.ts';
export {
  type DeliveredProject,
  type DeliveryChange,
  deliveredProjects,
  deliveryChangesSince,
  projectContractKinds,
  registryNow,
} from './care-read.ts';
export {
  createContract,
  findGoverningTerms,
  type GoverningTerms,
  getContract,
  postDepositEntry,
} from './contract-service.ts';
export {
  contactEmail,
  contactFacts,
  customerFacts,
  equipmentFacts,
  equipmentProducts,
  type MaintenanceAssetFacts,
  maintenanceAssetFacts,
  maintenanceAssetSizes,
  productNamesOf,
  projectAssetIds,
  projectFacts,
} from './field-read.ts';
export { importJob, warrantyExpiryRemindersJob } from './jobs.ts';
export { productCategories } from './knowledge-read.ts';
export {
  type AssetDimensions,
  type AssetSnapshot,
  assetDimensions,
  assetsChangedBetween,
  assetsWithRepairs,
  type InstalledHours,
  installedHours,
  type RepairedAsset,
} from './measures-read.ts';
export { assetPlacementSql } from './parts-read.ts';
export { createProject, getProject, recordAcceptance } from './project-service.ts';
export {
  assetFacts,
  assetIdsOfProductSql,
  groupNames,
  type InstalledUnits,
  installedUnits,
  productOfAssetSql,
} from './quality-read.ts';
export {
  assetIdsWithSerial,
  contactEmailOf,
  customerExists,
  customerIdsNamed,
  customerNameOf,
  customersWithEmail,
  regionOf,
} from './read-models.ts';
export { assetReferences, contactReferences, customerReferences, projectReferences } from './references.ts';
export { customerAssetForReturn, type ReturnableAsset, recordAssetReturn } from './returns-read.ts';
export { registerRegistryRoutes } from './routes.ts';
export {
  type EquipmentSelection,
  type SelectedEquipment,
  type SiteContact,
  selectEquipment,
  siteContacts,
} from './selection-read.ts';
export { createCustomer, getCustomer } from './service.ts';
export { sendWarrantyExpiryReminders } from './warranty-reminders.ts';
export { assetCoverage } from './warranty-service.ts';
export { searchRegistry } from './workbench.ts';
