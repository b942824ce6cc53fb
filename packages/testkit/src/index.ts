export {
  type Broker,
  BrokerError,
  type BrokerOptions,
  type BrokerStoreView,
  type FaultOptions,
  startBroker,
} from './broker.js';
