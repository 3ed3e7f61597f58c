/** Who made a change, as recorded in the field history ("cli:taro", "teams:<aad id>", "sync:intune"). */
export interface Actor {
  by: string;
}
